import { EntityManager, type EventSubscriber } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';

/** Work that follows a commit: started, never awaited, so that it cannot delay or fail the committed write. */
export interface AfterCommitWork {
  readonly name: string;
  kick(): void;
}

/**
 * The one unit-of-work hook of a process: after every committed root transaction (an explicit `transactional`
 * or the implicit one of a flush, from a request, a console action, a job or the simulation), it kicks what
 * must follow a commit — the outbox dispatcher and the timer mirror register themselves here. Nothing else
 * kicks them. A crash between the commit and the kick loses nothing: the rows are in the database, and the
 * worker's outbox poller and timer reconciler pick them up.
 */
@Injectable()
export class AfterCommit implements EventSubscriber, OnModuleInit {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly work: AfterCommitWork[] = [];

  constructor(private readonly em: EntityManager) {}

  /** Every fork of the process's entity manager shares its event manager, so one subscription covers all. */
  onModuleInit(): void {
    this.em.getEventManager().registerSubscriber(this);
  }

  register(work: AfterCommitWork): void {
    if (!this.work.includes(work)) this.work.push(work);
  }

  afterTransactionCommit(): void {
    for (const work of this.work) {
      try {
        work.kick();
      } catch (error) {
        // The transaction has committed; a failed kick must not make the caller believe it has not.
        this.logger.error(`${work.name} after commit: ${(error as Error).message}`);
      }
    }
  }
}
