import { spawn, type ChildProcess } from 'node:child_process';
import { nativeLibsqlPath } from '../../subgraphs/shared/store/native-libsql';

/**
 * Another process takes `file`'s write lock (as another subgraph committing to a
 * shared file does), inserts ('other') into its `entry (writer)` table and commits
 * after `ms`. Resolves once the lock is held; the caller kills `children` after.
 */
export function holdWriteLockElsewhere(
  file: string,
  ms: number,
  children: ChildProcess[],
): Promise<void> {
  const script = `
    const Database = require(${JSON.stringify(nativeLibsqlPath())});
    const db = new Database(${JSON.stringify(file)});
    db.exec("BEGIN IMMEDIATE; INSERT INTO entry (writer) VALUES ('other')");
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}
