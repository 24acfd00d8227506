import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes): ~20 ms a hash on this class of machine.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the account does not exist, so a wrong login name
// costs the same time as a wrong password and reveals nothing.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$j9/pvb3w7Hm1/kxspon/wQ$A+qgEL4JyjAoc5z8me2OrG1CZ1NNZ+oGyQT4ZiUVBd4';

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return passwordHash !== null && ok;
  } catch {
    return false;
  }
}

/** Hashes many passwords, a few at a time so the event loop keeps serving others. */
export async function hashPasswords(passwords: string[], concurrency = 4): Promise<string[]> {
  const out: string[] = new Array(passwords.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < passwords.length) {
        const i = next++;
        out[i] = await hashPassword(passwords[i]!);
      }
    }),
  );
  return out;
}
