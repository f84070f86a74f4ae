import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { OrgEntity } from '../entity/org-entity.entity';
import type { Language } from '../shared/languages';

/** One person of an entity's reporting tree, as imported from its CSV. */
@Entity({ tableName: 'person' })
@Unique({ properties: ['entity', 'email'] })
@Index({ properties: ['entity', 'managerEmail'] })
export class Person {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => OrgEntity, { deleteRule: 'cascade' })
  entity!: OrgEntity;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Lower-cased. */
  @Property({ type: 'string', length: 254 })
  email!: string;

  /** Null at the top of the tree (the Head of Entity). */
  @Property({ type: 'string', length: 254, nullable: true })
  managerEmail: string | null = null;

  @Property({ type: 'string', length: 2 })
  language!: Language;

  @Property({ type: 'boolean' })
  isManager = false;

  @Property({ type: 'Date' })
  updatedAt!: Date;
}
