import { splitSqlStatements } from './migrations';

describe('splitSqlStatements', () => {
  it('splits Prisma DDL into statements and drops comments', () => {
    const sql = [
      '-- CreateTable',
      'CREATE TABLE "A" (',
      '    "id" TEXT NOT NULL PRIMARY KEY',
      ');',
      '',
      '-- CreateIndex',
      'CREATE UNIQUE INDEX "A_id_key" ON "A"("id");',
      '',
    ].join('\n');
    expect(splitSqlStatements(sql)).toEqual([
      'CREATE TABLE "A" (\n    "id" TEXT NOT NULL PRIMARY KEY\n)',
      'CREATE UNIQUE INDEX "A_id_key" ON "A"("id")',
    ]);
  });
});
