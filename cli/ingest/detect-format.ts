import fs from 'node:fs';
import path from 'node:path';
import { detectWearablePayload } from './wearables.sender';

export type IngestFormat = 'fhir' | 'hl7v2' | 'wearables';
export const INGEST_FORMATS: readonly IngestFormat[] = ['fhir', 'hl7v2', 'wearables'];

/** The MLLP start-of-block byte (0x0B), which captured MLLP streams begin with. */
const MLLP_START_BLOCK = new RegExp(`^${String.fromCharCode(0x0b)}`);

/** Reads only the start of a file: formats announce themselves in the first bytes. */
function head(file: string, bytes = 4096): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Which ingest path a file belongs to, or null with nothing to go on. HL7 v2 is
 * recognised by its first segment (MSH, or FHS/BHS batch headers, possibly after a
 * byte-order mark or an MLLP start byte); FHIR by `resourceType` (JSON) or the
 * .ndjson extension; wearable payloads by their vendor JSON shape.
 */
export function detectFormat(file: string): IngestFormat | null {
  const start = head(file)
    .replace(/^\uFEFF/, '')
    .replace(MLLP_START_BLOCK, '')
    .trimStart();
  if (/^(MSH|FHS|BHS)./.test(start)) return 'hl7v2';
  const extension = path.extname(file).toLowerCase();
  if (extension === '.ndjson') return 'fhir';
  if (extension !== '.json' && !start.startsWith('{') && !start.startsWith('[')) return null;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof json === 'object' && json !== null && 'resourceType' in json) return 'fhir';
  return detectWearablePayload(json) ? 'wearables' : null;
}

/** Expands files and folders (recursively) into a sorted list of files. */
export function expandPaths(inputs: string[]): string[] {
  const files: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        if (!entry.startsWith('.')) walk(path.join(p, entry));
      }
    } else if (stat.isFile()) {
      files.push(path.resolve(p));
    }
  };
  inputs.forEach(walk);
  return files;
}
