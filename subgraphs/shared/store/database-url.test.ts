import { parseDatabaseUrl, redactUrl, sqliteFilePath } from './database-url';

describe('parseDatabaseUrl', () => {
  it('recognises SQLite and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('file:/tmp/x.db').provider).toBe('sqlite');
    expect(parseDatabaseUrl('postgresql://u@h/db').provider).toBe('postgresql');
    expect(parseDatabaseUrl('postgres://u@h/db').provider).toBe('postgresql');
  });

  it('rejects other schemes without echoing passwords', () => {
    expect(() => parseDatabaseUrl('mysql://u:secret@h/db')).toThrow(/mysql:\/\/u:\*\*\*@h\/db/);
  });

  it('redacts credentials and extracts SQLite paths', () => {
    expect(redactUrl('postgresql://u:pw@h:5432/db')).toBe('postgresql://u:***@h:5432/db');
    expect(sqliteFilePath('file:/a/b.db?mode=rwc')).toBe('/a/b.db');
  });
});
