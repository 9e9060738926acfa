/**
 * Loads an optional peer dependency (`@electric-sql/pglite`, `pg`) the first time a store needs it, so an
 * app installs only the driver it uses and `import '@okra-balance/server'` loads neither. A missing one
 * becomes an error that says what to install; any other failure (a broken install) is passed on.
 *
 * @example
 * const { PGlite } = await optionalPeer('@electric-sql/pglite', 'createPgliteStore', () => import('@electric-sql/pglite'));
 */
export async function optionalPeer<T>(name: string, neededBy: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error, name)) throw error;
    const instead =
      name === 'pg'
        ? 'or use createPgliteStore (npm install @electric-sql/pglite)'
        : 'or pass a store: createPostgresStore({ connectionString }) (npm install pg)';
    throw new Error(
      `${neededBy} needs ${name}, an optional peer dependency of @okra-balance/server that is not installed: npm install ${name}, ${instead}`,
      { cause: error },
    );
  }
}

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    (message.includes(`'${name}'`) || message.includes(`"${name}"`))
  );
}
