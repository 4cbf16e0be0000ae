/** The embedded server's SQL guard (lib/db/embedded/sql-guard.ts) and framing queue (framing.ts). */
import { describe, expect, it } from "vitest";
import { ChunkQueue, nextFrame } from "../../lib/db/embedded/framing";
import { refusedStatement, statementLeadWords } from "../../lib/db/embedded/sql-guard";

describe("refusedStatement", () => {
  const cases: Array<[sql: string, refused: string | null]> = [
    ["SELECT 1", null],
    ["COPY items FROM STDIN", "COPY"],
    ["copy (select 1) to program 'id'", "COPY"],
    ["COPY (SELECT 1) TO STDOUT", "COPY"],
    ["SELECT '--'; COPY items FROM STDIN", "COPY"],
    ["SELECT '/*'; COPY items FROM STDIN", "COPY"],
    ["SELECT 1 /* outer /* nested */ still comment */; COPY t TO PROGRAM 'id'", "COPY"],
    ["/* COPY t FROM STDIN */ SELECT 1", null],
    ["-- COPY t FROM STDIN\nSELECT 1", null],
    ["SELECT 1 -- ; COPY t FROM STDIN", null],
    ["SELECT 'a; COPY t FROM STDIN'", null],
    ["SELECT 'it''s'; COPY t FROM STDIN", "COPY"],
    ["SELECT E'\\''; COPY t FROM STDIN", "COPY"], // E'\'' is one literal: the COPY is outside it
    ["SELECT E'\\'; COPY t FROM STDIN'", null], // …and here it is inside
    ["SELECT $$; COPY t FROM STDIN$$", null],
    ["SELECT $tag$ $$ ; COPY $tag$; COPY t FROM STDIN", "COPY"],
    ["SELECT $1::int; COPY t FROM STDIN", "COPY"],
    ['SELECT 1 AS "a;"; COPY t FROM STDIN', "COPY"],
    ['SELECT 1 AS "; COPY t FROM STDIN"', null],
    ["SELECT 1;;\n\t  (COPY t FROM STDIN)", "COPY"],
    // With standard_conforming_strings off, 'x\' does not end the literal: refused either way.
    ["SELECT 'x\\'; COPY t FROM STDIN; --'", "COPY"],
    ["PREPARE p AS SELECT 1", "PREPARE"],
    ["execute p", "EXECUTE"],
    ["DEALLOCATE ALL", "DEALLOCATE"],
    ["discard all", "DISCARD"],
    ["SELECT 1; DISCARD PLANS", "DISCARD"],
    // What migrations contain: EXECUTE inside a PL/pgSQL body, and trigger DDL ending in EXECUTE FUNCTION.
    ["DO $$ BEGIN EXECUTE format('SELECT %I', 'x'); END $$", null],
    ["CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f()", null],
    ["SELECT copy FROM t", null],
    ["SELECT 'unterminated; COPY t FROM STDIN", null],
  ];
  it.each(cases)("%j → %s", (sql, refused) => {
    expect(refusedStatement(sql)?.keyword ?? null).toBe(refused);
  });

  it("names the first word of every statement", () => {
    expect(statementLeadWords("select 1; /* x */ insert into t values (';'); (with a as (select 1) select * from a)")).toEqual(["SELECT", "INSERT", "WITH"]);
  });
});

describe("ChunkQueue / nextFrame", () => {
  const msg = (type: string, body: Buffer) => {
    const head = Buffer.alloc(5);
    head.write(type, 0, "latin1");
    head.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([head, body]);
  };

  it("assembles messages split across chunks of every size, byte for byte", () => {
    const stream = Buffer.concat([msg("Q", Buffer.from("SELECT 1\0")), msg("S", Buffer.alloc(0)), msg("P", Buffer.alloc(1000, 7))]);
    for (const size of [1, 2, 3, 5, 7, 64, stream.length]) {
      const q = new ChunkQueue();
      const out: string[] = [];
      for (let i = 0; i < stream.length; i += size) {
        q.push(stream.subarray(i, i + size));
        for (let f = nextFrame(q, 1 << 20); f.kind === "message"; f = nextFrame(q, 1 << 20)) out.push(`${String.fromCharCode(f.type)}${f.raw.length}`);
      }
      expect(out).toEqual(["Q14", "S5", "P1005"]);
      expect(q.length).toBe(0);
    }
  });

  it("reports a message over the cap from its header alone, and a bad type from its first byte", () => {
    const q = new ChunkQueue();
    const head = Buffer.alloc(5);
    head.write("Q", 0, "latin1");
    head.writeInt32BE(2_000_000, 1);
    q.push(head);
    expect(nextFrame(q, 1_000_000)).toEqual({ kind: "too-large", type: "Q".charCodeAt(0), length: 2_000_000 });
    const g = new ChunkQueue();
    g.push(Buffer.from([0]));
    expect(nextFrame(g, 1_000_000, (t) => t !== 0)).toEqual({ kind: "bad-type", type: 0 });
    const l = new ChunkQueue();
    l.push(Buffer.from([0x51, 0, 0, 0, 2]));
    expect(nextFrame(l, 1_000_000)).toMatchObject({ kind: "bad-length", length: 2 });
  });
});
