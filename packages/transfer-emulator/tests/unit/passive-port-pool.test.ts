import { connect } from 'node:net';
import { freePortRange } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import { NoPassivePortError, PassivePortPool } from '../../src/data/passive-port-pool.js';

async function openPool(count: number): Promise<PassivePortPool> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await PassivePortPool.open('127.0.0.1', await freePortRange(count));
    } catch (error) {
      if (attempt > 20) throw error;
    }
  }
}

describe('PassivePortPool', () => {
  it('gives one address a different port per pending expectation, then waits for one to free', async () => {
    const pool = await openPool(3);
    try {
      const first = await Promise.all([1, 2, 3].map(() => pool.expect('127.0.0.1', 1000)));
      expect(new Set(first.map((e) => e.port)).size).toBe(3);
      // Another address is independent.
      const other = await pool.expect('127.0.0.2', 100);
      other.cancel();
      // All three pending for 127.0.0.1: the fourth waits until a client connects to one of them.
      let fourthPort: number | undefined;
      const fourth = pool.expect('127.0.0.1', 5000).then((e) => {
        fourthPort = e.port;
        return e;
      });
      await new Promise((done) => setTimeout(done, 100));
      expect(fourthPort).toBeUndefined();
      const socket = connect({ host: '127.0.0.1', port: first[1]!.port });
      const accepted = await first[1]!.connection;
      expect(accepted.remotePort).toBe(socket.localPort);
      expect((await fourth).port).toBe(first[1]!.port);
      socket.destroy();
      accepted.destroy();
    } finally {
      await pool.close();
    }
  });

  it('gives up with NoPassivePortError when no port frees in time', async () => {
    const pool = await openPool(1);
    try {
      await pool.expect('127.0.0.1', 100);
      await expect(pool.expect('127.0.0.1', 100)).rejects.toBeInstanceOf(NoPassivePortError);
    } finally {
      await pool.close();
    }
  });

  it('drops a connection nobody expects', async () => {
    const pool = await openPool(1);
    try {
      const expectation = await pool.expect('127.0.0.2', 100);
      const socket = connect({ host: '127.0.0.1', port: expectation.port });
      const closed = await new Promise<boolean>((done) => {
        socket.on('close', () => done(true));
        socket.on('error', () => {});
      });
      expect(closed).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
