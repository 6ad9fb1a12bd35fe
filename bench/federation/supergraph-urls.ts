/**
 * Points the supergraph's `@join__graph(name: "x", url: "...")` entries at the given
 * URLs. Every subgraph the supergraph names must be given a URL: a missed one would
 * send traffic to the reference's fixed address (0.0.0.0:4200).
 */
export function rewriteSupergraphUrls(sdl: string, urls: Record<string, string>): string {
  const seen = new Set<string>();
  const rewritten = sdl.replace(
    /@join__graph\(\s*name:\s*"([^"]+)"\s*,\s*url:\s*"[^"]*"\s*\)/g,
    (_match, name: string) => {
      const url = urls[name];
      if (!url) throw new Error(`No URL given for subgraph "${name}" of the supergraph`);
      seen.add(name);
      return `@join__graph(name: "${name}", url: ${JSON.stringify(url)})`;
    },
  );
  const unknown = Object.keys(urls).filter((name) => !seen.has(name));
  if (unknown.length > 0) throw new Error(`The supergraph has no subgraph ${unknown.join(', ')}`);
  return rewritten;
}
