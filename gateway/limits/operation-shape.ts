import {
  GraphQLError,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Nesting of `{`, `[` and `(` past which a document is refused before parsing:
 * graphql-js parses recursively and overflows the stack near 3,000 levels, and a
 * real operation never nests anywhere near this.
 */
export const MAX_PARSE_NESTING = 500;

export interface OperationShape {
  name: string | null;
  operation: OperationDefinitionNode;
  /** Levels of nested fields, root fields being level 1, through fragments. */
  depth: number;
  /** Aliased fields, each fragment counted as often as it is spread. */
  aliases: number;
}

export type DocumentShape =
  | { kind: 'ok'; document: DocumentNode; operations: OperationShape[] }
  /** Not parseable: Apollo reports the syntax error itself. */
  | { kind: 'unparseable' }
  | { kind: 'too-many-tokens'; tokens: number }
  | { kind: 'too-deep'; nesting: number };

/**
 * One lexer pass before parsing: counts tokens and bracket nesting so that huge or
 * absurdly nested documents are refused without building (or overflowing on) an
 * AST. Stops counting at `maxTokens + 1`.
 */
function scan(query: string, maxTokens: number): { tokens: number; nesting: number } | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let depth = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens++;
      const kind = token.kind;
      if (
        kind === TokenKind.BRACE_L ||
        kind === TokenKind.BRACKET_L ||
        kind === TokenKind.PAREN_L
      ) {
        if (++depth > nesting) nesting = depth;
        if (nesting > MAX_PARSE_NESTING) break;
      } else if (
        kind === TokenKind.BRACE_R ||
        kind === TokenKind.BRACKET_R ||
        kind === TokenKind.PAREN_R
      ) {
        depth--;
      }
      if (maxTokens > 0 && tokens > maxTokens) break;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return { tokens, nesting };
}

/**
 * Measures every operation of a document: depth and aliases, with fragments
 * expanded by memoised sums (a fragment spread many times, or fragments spreading
 * each other in a fan, cost one visit each, never an exponential walk), and
 * fragment cycles (invalid, Apollo refuses them later) cut instead of followed.
 */
export function measureDocument(query: string, maxTokens: number): DocumentShape {
  const scanned = scan(query, maxTokens);
  if (!scanned) return { kind: 'unparseable' };
  if (scanned.nesting > MAX_PARSE_NESTING) return { kind: 'too-deep', nesting: scanned.nesting };
  if (maxTokens > 0 && scanned.tokens > maxTokens)
    return { kind: 'too-many-tokens', tokens: scanned.tokens };
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return { kind: 'unparseable' };
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, { depth: number; aliases: number }>();
  const inProgress = new Set<string>();

  const measure = (selectionSet: SelectionSetNode): { depth: number; aliases: number } => {
    let depth = 0;
    let aliases = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        const inner = selection.selectionSet ? measure(selection.selectionSet) : undefined;
        depth = Math.max(depth, 1 + (inner?.depth ?? 0));
        aliases += inner?.aliases ?? 0;
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? measure(selection.selectionSet)
            : measureFragment(selection.name.value);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
      }
    }
    return { depth, aliases };
  };

  const measureFragment = (name: string): { depth: number; aliases: number } => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return { depth: 0, aliases: 0 };
    inProgress.add(name);
    const result = measure(fragment.selectionSet);
    inProgress.delete(name);
    memo.set(name, result);
    return result;
  };

  const operations: OperationShape[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    operations.push({
      name: definition.name?.value ?? null,
      operation: definition,
      ...measure(definition.selectionSet),
    });
  }
  return { kind: 'ok', document, operations };
}

/**
 * The operations a request will run: the named one, or the only one. When Apollo
 * will refuse the request anyway (no such name, several without a name) every
 * operation is returned, so nothing unmeasured slips through.
 */
export function selectOperations(
  operations: OperationShape[],
  operationName: string | null | undefined,
): OperationShape[] {
  if (operationName) {
    const named = operations.filter((o) => o.name === operationName);
    return named.length === 1 ? named : operations;
  }
  return operations;
}
