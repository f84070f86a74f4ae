import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Language } from '../shared/languages';
import { OrgEntity } from './org-entity.entity';

@Entity({ tableName: 'focal_point' })
@Unique({ properties: ['entity', 'email'] })
export class FocalPoint {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => OrgEntity, { deleteRule: 'cascade' })
  entity!: OrgEntity;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 254 })
  email!: string;

  @Property({ type: 'string', length: 2 })
  language!: Language;
}
