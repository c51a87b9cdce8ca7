/**
 * One service never imports another's code (DESIGN.md, "Services"): a subgraph imports neither another
 * subgraph nor the gateway, the gateway no subgraph, and a shared package no service. Relative paths are
 * resolved, so `../../../doctor/src/x` is caught as surely as `@carebook/doctor`. Code outside the services
 * (clients, bench, the whole-stack tests under test/) may start any of them and is not checked.
 */
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Which service or shared package a file belongs to, or null outside them. */
function ownerOfFile(file) {
  const [top, name] = path.relative(root, file).split(path.sep);
  if (top === 'subgraphs' && name) return { kind: 'subgraph', name };
  if (top === 'gateway') return { kind: 'gateway', name: 'gateway' };
  if (top === 'packages' && name) return { kind: 'package', name };
  return null;
}

/** The owner an import specifier points at: a resolved relative path, or a workspace package by name. */
function ownerOfImport(specifier, fromFile, subgraphs) {
  if (specifier.startsWith('.')) return ownerOfFile(path.resolve(path.dirname(fromFile), specifier));
  const match = /^@carebook\/([^/]+)/.exec(specifier);
  if (!match) return null;
  if (subgraphs.has(match[1])) return { kind: 'subgraph', name: match[1] };
  if (match[1] === 'gateway') return { kind: 'gateway', name: 'gateway' };
  if (match[1] === 'platform') return { kind: 'package', name: 'platform' };
  return null;
}

function isForbidden(from, to) {
  if (!to || (to.kind === from.kind && to.name === from.name)) return false;
  if (from.kind === 'subgraph') return to.kind === 'subgraph' || to.kind === 'gateway';
  if (from.kind === 'gateway') return to.kind === 'subgraph';
  return to.kind === 'subgraph' || to.kind === 'gateway';
}

const describe = (owner) => (owner.kind === 'gateway' ? 'the gateway' : `${owner.kind} "${owner.name}"`);

export function importBoundaries(subgraphNames) {
  const subgraphs = new Set(subgraphNames);
  return {
    meta: {
      type: 'problem',
      docs: { description: "No service imports another service's code; shared packages import no service." },
      schema: [],
      messages: {
        crossed:
          '{{from}} may not import {{to}}\'s code ("{{specifier}}"): go through the shared package or a service call.',
      },
    },
    create(context) {
      const from = ownerOfFile(context.filename);
      if (!from) return {};
      const check = (node) => {
        if (!node.source || typeof node.source.value !== 'string') return;
        const to = ownerOfImport(node.source.value, context.filename, subgraphs);
        if (isForbidden(from, to)) {
          context.report({
            node: node.source,
            messageId: 'crossed',
            data: { from: describe(from), to: describe(to), specifier: node.source.value },
          });
        }
      };
      return {
        ImportDeclaration: check,
        ExportNamedDeclaration: check,
        ExportAllDeclaration: check,
        ImportExpression: check,
      };
    },
  };
}
