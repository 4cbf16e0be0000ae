/**
 * The data directory is private to the user running the server: the directory is 0700 and no file
 * in it is readable by group or others (the WAL holds row data and PostgreSQL's password hashes).
 *
 * PGlite writes through Node's fs: files it creates later honour the process umask, but the initial
 * cluster it unpacks comes out 0666. So the server sets the umask to 077 where it can (not inside a
 * worker thread) and, at start and at close, takes group/other bits off every existing entry.
 */
import fs from "node:fs";
import path from "node:path";

export function tightenUmask(log: (m: string) => void): void {
  try {
    process.umask(process.umask() | 0o077);
  } catch {
    log("embedded-db: cannot set the umask here (worker thread); file modes are fixed at start and close only");
  }
}

/** chmod go-rwx on `dir` and everything below it. Returns how many entries were changed. */
export function makePrivate(dir: string): number {
  let changed = 0;
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return; // removed meanwhile
    }
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) {
      try {
        fs.chmodSync(p, st.mode & 0o700);
        changed++;
      } catch {
        /* removed meanwhile */
      }
    }
    if (st.isDirectory()) {
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(p);
      } catch {
        return;
      }
      for (const e of entries) visit(path.join(p, e));
    }
  };
  visit(dir);
  return changed;
}
