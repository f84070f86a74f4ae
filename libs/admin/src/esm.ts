/**
 * AdminJS and its plugins are ES modules only; this CommonJS app loads them with a real dynamic import()
 * (module node16 keeps `import()` as it is), one after another: parallel imports of the same graph have failed
 * with "not in cache" under Jest.
 */
export async function loadAdminJs() {
  const adminjs = await import('adminjs');
  const express = await import('@adminjs/express');
  const mikroorm = await import('@adminjs/mikroorm');
  return { adminjs, express, mikroorm };
}

export type AdminJsModules = Awaited<ReturnType<typeof loadAdminJs>>;
