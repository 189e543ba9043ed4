/** The PDF's visible wording in English and Japanese; key facts stay in English (see key-facts.ts). */

export const REPORT_LANGUAGES = ['en', 'ja'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export interface ReportLabels {
  title: string;
  notLive: string;
  summary: string;
  keyFacts: string;
  keyFactsNote: string;
  rotation: string;
  instance: string;
  flow: string;
  mode: string;
  operator: string;
  workstation: string;
  started: string;
  ended: string;
  outcome: string;
  imported: string;
  prechecks: string;
  commands: string;
  commandColumns: [string, string, string, string];
  prompts: string;
  milestones: string;
  registers: string;
  classifications: string;
  next: string;
  forbidden: string;
  evidence: string;
  /** Forbidden commands already explained in an earlier classification, named only. */
  forbiddenAsAbove: (commands: string) => string;
  /** Evidence lines already cited in an earlier classification, counted only. */
  evidenceAsAbove: (count: number) => string;
  /** One evidence text cited at several places: how often, and its first and last place. */
  repeated: (count: number, first: string, last: string) => string;
  decisions: string;
  override: string;
  recoveries: string;
  journal: string;
  none: string;
  signatures: string;
  howToVerify: string;
  howToVerifyText: (fingerprint: string) => string;
}

const EN: ReportLabels = {
  title: 'Master key rotation report',
  notLive: 'NOT A REAL ROTATION: this report comes from the simulator',
  summary: 'Summary',
  keyFacts: 'Key facts',
  keyFactsNote: 'The signed facts in plain text. mkra verify re-creates this whole PDF from the signed report.json attached to it and accepts it only if it is identical.',
  rotation: 'Rotation ID',
  instance: 'Service instance',
  flow: 'Flow',
  mode: 'Mode',
  operator: 'Operator',
  workstation: 'Workstation (host / OS user)',
  started: 'Started',
  ended: 'Ended',
  outcome: 'Outcome',
  imported: 'Imported journal part',
  prechecks: 'Pre-check results',
  commands: 'Commands',
  commandColumns: ['Started', 'Command', 'Exit', 'Finished'],
  prompts: 'Prompts answered',
  milestones: 'Milestones',
  registers: 'Register readings (state and verification pattern per unit)',
  classifications: 'Classifications',
  next: 'Next',
  forbidden: 'Forbidden',
  evidence: 'Evidence',
  forbiddenAsAbove: (commands) => `Still forbidden, as explained above: ${commands}`,
  evidenceAsAbove: (count) => `${count} evidence ${count === 1 ? 'line' : 'lines'} as cited above`,
  repeated: (count, first, last) => `×${count}, first ${first}, last ${last}`,
  decisions: 'Administrator decisions',
  override: 'OVERRIDE of a warning',
  recoveries: 'Journal recoveries after a crash',
  journal: 'Journal',
  none: '(none)',
  signatures: 'Signatures',
  howToVerify: 'How to verify this report',
  howToVerifyText: (fingerprint) =>
    'This PDF carries the signed report as the attachment report.json. Run "mkra verify report.pdf" ' +
    '(or "mkra verify report.json" for the separate file). It checks the signatures over the canonical ' +
    '(RFC 8785) JSON and that this PDF is exactly the one made from it, so what these pages show is what was signed. Compare the printed report key ' +
    `fingerprint with the one you expect, ${fingerprint}, or pin it: "mkra verify --key FINGERPRINT-OR-KEY-FILE report.pdf". ` +
    'Exit 0 means valid, 1 tampered or signed by another key, 2 not a readable report.',
};

const JA: ReportLabels = {
  title: 'マスター鍵ローテーション報告書',
  notLive: '実際のローテーションではありません: シミュレーターによる報告書です',
  summary: '概要',
  keyFacts: '主要項目 (Key facts)',
  keyFactsNote: '署名済みの主要事項のテキストです。mkra verify は添付の署名済み report.json からこの PDF 全体を再作成し、完全に同一である場合にのみ有効とします。',
  rotation: 'ローテーション ID',
  instance: 'サービス・インスタンス',
  flow: '手順',
  mode: 'モード',
  operator: '担当者',
  workstation: 'ワークステーション (ホスト / OS ユーザー)',
  started: '開始',
  ended: '終了',
  outcome: '結果',
  imported: 'インポートされたジャーナル',
  prechecks: '事前チェックの結果',
  commands: 'コマンド',
  commandColumns: ['開始', 'コマンド', '終了コード', '終了'],
  prompts: '応答したプロンプト',
  milestones: 'マイルストーン',
  registers: 'レジスターの読み取り (ユニットごとの状態と検証パターン)',
  classifications: '状態の判定',
  next: '次の操作',
  forbidden: '禁止',
  evidence: '根拠',
  forbiddenAsAbove: (commands) => `引き続き禁止 (理由は上記): ${commands}`,
  evidenceAsAbove: (count) => `上記と同じ根拠 ${count} 行`,
  repeated: (count, first, last) => `×${count}、最初 ${first}、最後 ${last}`,
  decisions: '管理者の判断',
  override: '警告を無視して続行',
  recoveries: 'クラッシュ後のジャーナル復旧',
  journal: 'ジャーナル',
  none: '(なし)',
  signatures: '署名',
  howToVerify: 'この報告書の検証方法',
  howToVerifyText: (fingerprint) =>
    'この PDF には署名済みの報告書が添付ファイル report.json として含まれています。' +
    '「mkra verify report.pdf」(別ファイルの場合は「mkra verify report.json」) を実行してください。' +
    '正規化 JSON (RFC 8785) に対する署名と、この PDF がそれから作成されたものと完全に同一であること (ページの表示内容が署名された内容であること) を確認します。' +
    `表示される報告書鍵のフィンガープリントを期待値 ${fingerprint} と比較するか、` +
    '「mkra verify --key フィンガープリントまたは鍵ファイル report.pdf」で固定してください。' +
    '終了コード 0 は有効、1 は改ざんまたは別の鍵による署名、2 は報告書として読めないことを示します。',
};

/** The PDF wording in the requested language. */
export function reportLabels(language: ReportLanguage): ReportLabels {
  return language === 'ja' ? JA : EN;
}
