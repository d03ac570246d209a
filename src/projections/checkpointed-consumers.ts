import { Injectable } from '@nestjs/common';

export interface CheckpointedConsumer {
  /** The name its checkpoint is stored under in projection_checkpoints. */
  name: string;
  version: number;
  kind: 'projection' | 'reactor';
}

/**
 * Every consumer of the log that keeps a checkpoint — projections and reactors — as their runners
 * register them, with the error each is failing on now (cleared when it recovers). Status and
 * health read it; neither needs to know the runners.
 */
@Injectable()
export class CheckpointedConsumers {
  private readonly consumers = new Map<string, CheckpointedConsumer>();
  private readonly failures = new Map<string, string>();

  register(consumer: CheckpointedConsumer): void {
    this.consumers.set(consumer.name, consumer);
  }

  list(): CheckpointedConsumer[] {
    return [...this.consumers.values()];
  }

  failed(name: string, message: string): void {
    this.failures.set(name, message);
  }

  recovered(name: string): void {
    this.failures.delete(name);
  }

  failureOf(name: string): string | null {
    return this.failures.get(name) ?? null;
  }
}
