import { Collection, Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import type { Language } from '../shared/languages';
import type { EntityNames } from './entity-names';
import { FocalPoint } from './focal-point.entity';

/**
 * An entity of the organisation (department, office, mission...). Named OrgEntity in code because "Entity"
 * is MikroORM's decorator; the table and the API say "entity".
 */
@Entity({ tableName: 'entity' })
export class OrgEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 30, unique: true })
  code!: string;

  /** The English name: the one every reader falls back to, and the one the console and exports show. */
  @Property({ type: 'string', length: 300 })
  name!: string;

  /**
   * Its official names in the other languages (`{fr, es, ...}`), when the UN has them; read through
   * `entityNameIn`. Null or a language left out: readers of it get the English name.
   */
  @Property({ type: 'json', nullable: true })
  names: EntityNames | null = null;

  @Property({ type: 'string', length: 50, index: true })
  kind!: string;

  @Property({ type: 'string', length: 100, index: true })
  dutyStation!: string;

  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Property({ type: 'string', length: 2 })
  language!: Language;

  @Property({ type: 'integer', nullable: true })
  staff: number | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  headName: string | null = null;

  @Property({ type: 'string', length: 254, nullable: true })
  headEmail: string | null = null;

  @OneToMany(() => FocalPoint, (fp) => fp.entity, { orphanRemoval: true })
  focalPoints = new Collection<FocalPoint>(this);

  @Property({ type: 'Date' })
  createdAt!: Date;
}
