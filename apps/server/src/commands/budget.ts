import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.ts';
import { TokenBucket } from '../realtime/rate-limit.ts';

/**
 * The per-user command budget, shared by both doors (socket events and
 * `POST /api/testimonies/:id/commands/:name`): a user cannot get a fresh allowance by
 * switching door or opening another socket. Process-local: with several processes a user's
 * allowance is at most that many times the configured rate.
 */
export class CommandBudget {
  private readonly buckets: LRUCache<string, TokenBucket>;
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    // Idle users' buckets are full again after burst/rate seconds; dropping them loses nothing.
    this.buckets = new LRUCache({ max: 10_000, updateAgeOnGet: true, ttl: Math.ceil((burst / perSecond) * 1000) + 1000 });
  }

  /** Spends one command of `userId`'s allowance or throws `rate_limited`. */
  take(userId: string): void {
    let bucket = this.buckets.get(userId);
    if (!bucket) {
      bucket = new TokenBucket(this.burst, this.perSecond);
      this.buckets.set(userId, bucket);
    }
    if (!bucket.take()) throw new AppError('rate_limited', 'Too many commands; slow down');
  }
}
