import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where a running stack keeps the supergraph its gateway serves (and watches). */
export function stackSupergraphFile(home: string): string {
  return path.join(home, 'supergraph.graphql');
}

/**
 * The text of a supergraph file: a comment saying how it was made, then the
 * composed SDL exactly as @apollo/composition printed it (comments are ignored
 * by every GraphQL parser, so the file loads anywhere a supergraph does).
 */
export function supergraphFileText(supergraphSdl: string, madeBy: string): string {
  return [
    `# PatientGraph supergraph (Apollo Federation 2), written by \`npx patientgraph ${madeBy}\`.`,
    '# Generated: change the subgraphs, then regenerate (docs/partner-subgraph.md).',
    supergraphSdl.trimEnd(),
    '',
  ].join('\n');
}

/** The SDL of a supergraph file's text, without the comment lines it starts with. */
export function supergraphSdlOf(text: string): string {
  const lines = text.split('\n');
  let first = 0;
  while (first < lines.length && lines[first]!.startsWith('#')) first++;
  return lines.slice(first).join('\n').trim();
}

export function readSupergraphFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `Supergraph file ${file} does not exist`
        : `Supergraph file ${file} cannot be read (${code ?? (error as Error).message})`,
    );
  }
}

/**
 * Replaces the file in one step: the text goes to a temporary file in the same
 * folder, is flushed to disk, then renamed over the old one. A gateway watching
 * the file, or a crash half way, sees the old text or the new one, never a mix.
 */
export function writeSupergraphFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o644);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
