/**
 * The largest report file the app accepts to verify. A signed PDF is a few megabytes (its body
 * font is embedded whole; the report holds the journal's facts, not its output lines), so far
 * larger input is refused before it is read. One limit for the Reports screen, the report:verify
 * schema and `mkra verify`.
 */
export const MAX_REPORT_BYTES = 16 * 1024 * 1024;
