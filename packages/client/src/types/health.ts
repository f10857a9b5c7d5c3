export interface Health {
  status: 'ok';
  db: 'postgres' | 'pglite';
}
