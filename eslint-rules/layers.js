// Local ESLint rule `local/layers`: every import a file makes must be on its layer's allowlist
// (eslint-rules/layer-map.js). It checks static imports, `export ... from`, `import x = require()`,
// dynamic `import('literal')` and `require('literal')`; relative specifiers are resolved against the
// file, so a relative path into electron/main/ is judged by where it lands, not by how it is spelt.
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layersOf, packageName, pathAllowed } from './layer-map.js';

const BUILTINS = new Set(builtinModules);
/** The repository: the folder above this one, wherever ESLint was started. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A Node built-in, with or without `node:` (`node:test` exists only with the prefix). */
export function isBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(packageName(specifier));
}

/** Why `specifier` may not be imported from `file` (both judged in `root`), or null when it may. */
export function violation(root, file, specifier, typeOnly = false) {
  const from = relative(root, file).split('\\').join('/');
  const [layer, ...more] = layersOf(from);
  if (!layer || more.length > 0)
    return `${from} belongs to ${more.length > 0 ? 'more than one layer' : 'no layer'} (eslint-rules/layer-map.js)`;
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const target = relative(root, resolve(dirname(file), specifier))
      .split('\\')
      .join('/');
    if (target.startsWith('..') || isAbsolute(target)) return `'${specifier}' leaves the repository`;
    const allowed = pathAllowed(layer.imports, target) || (typeOnly && pathAllowed(layer.typeImports ?? [], target));
    return allowed ? null : `${layer.name} may not import ${target}`;
  }
  if (isBuiltin(specifier))
    return layer.builtins ? null : `${layer.name} may not import the Node built-in '${specifier}'`;
  if (layer.packages === '*' || layer.packages.includes(packageName(specifier))) return null;
  return `${layer.name} may not import the package '${packageName(specifier)}'`;
}

function literalOf(node) {
  return node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'each layer imports only what its allowlist names (eslint-rules/layer-map.js)' },
    schema: [],
    messages: { layer: '{{why}}' },
  },
  create(context) {
    const root = ROOT;
    const file = context.filename;
    const check = (node, source, typeOnly = false) => {
      const specifier = literalOf(source);
      if (specifier === null) return;
      const why = violation(root, file, specifier, typeOnly);
      if (why) context.report({ node, messageId: 'layer', data: { why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { layers: layersRule } };
