import { describe, expect, it } from 'vitest';
import { isPermanentTemporalError } from '../../../services/platform/temporal.ts';

const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });
const wrapped = (cause: unknown) => Object.assign(new Error('ServiceError'), { cause });

describe('isPermanentTemporalError', () => {
  it('calls a payload over the blob limit, an id over the length limit, or a request over gRPC size permanent', () => {
    expect(isPermanentTemporalError(wrapped(grpc(3, 'Blob data size exceeds limit.')))).toBe(true);
    expect(isPermanentTemporalError(wrapped(grpc(3, 'WorkflowId length exceeds limit.')))).toBe(true);
    expect(isPermanentTemporalError(wrapped(grpc(8, 'Received message larger than max (5000000 vs. 4194304)')))).toBe(
      true,
    );
  });

  it('calls unavailable, deadline exceeded and throttling transient', () => {
    expect(isPermanentTemporalError(wrapped(grpc(14, 'connection refused')))).toBe(false);
    expect(isPermanentTemporalError(wrapped(grpc(4, 'deadline exceeded')))).toBe(false);
    expect(isPermanentTemporalError(wrapped(grpc(8, 'namespace rate limit exceeded')))).toBe(false);
    expect(isPermanentTemporalError(new Error('no code'))).toBe(false);
  });
});
