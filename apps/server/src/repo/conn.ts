import type { Db } from '@desk/db';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Repository functions take either the pool-backed db or an open transaction. */
export type Conn = Db | Tx;
