import fs from 'node:fs';
import path from 'node:path';
import { parseDefinition, type WorkflowDefinition } from '@cascade/workflow';
import { NotFound } from '../shared/errors';

const FILE_NAME = /^(?<id>[a-z0-9-]+)\.v(?<version>\d+)\.ya?ml$/;

/**
 * The workflow definitions of `workflows/`, parsed and validated once at boot: a broken definition stops the
 * process with every problem and its path, instead of failing on the first entity that needs it.
 */
export class WorkflowRegistry {
  private readonly definitions = new Map<string, WorkflowDefinition>();

  constructor(definitions: WorkflowDefinition[]) {
    for (const definition of definitions) {
      this.definitions.set(`${definition.id}@${definition.version}`, definition);
    }
  }

  static fromDirectory(directory: string): WorkflowRegistry {
    if (!fs.existsSync(directory)) {
      throw new Error(`WORKFLOWS_DIR: folder ${directory} does not exist`);
    }
    const definitions: WorkflowDefinition[] = [];
    for (const file of fs.readdirSync(directory).sort()) {
      const match = FILE_NAME.exec(file);
      if (!match?.groups) continue;
      const source = path.join(directory, file);
      const definition = parseDefinition(fs.readFileSync(source, 'utf8'), source);
      if (definition.id !== match.groups['id'] || definition.version !== Number(match.groups['version'])) {
        throw new Error(
          `${source}: file name says ${match.groups['id']} v${match.groups['version']} but the file declares ${definition.id} v${definition.version}`,
        );
      }
      definitions.push(definition);
    }
    if (definitions.length === 0) throw new Error(`WORKFLOWS_DIR: no workflow definition in ${directory}`);
    return new WorkflowRegistry(definitions);
  }

  get(id: string, version: number): WorkflowDefinition {
    const definition = this.definitions.get(`${id}@${version}`);
    if (!definition) throw new NotFound('workflow definition', `${id} v${version}`);
    return definition;
  }

  latest(id: string): WorkflowDefinition {
    const versions = [...this.definitions.values()].filter((d) => d.id === id);
    if (versions.length === 0) throw new NotFound('workflow definition', id);
    return versions.reduce((a, b) => (b.version > a.version ? b : a));
  }

  /** The definitions run for one subject (`entity`, `manager`), every version. */
  ofSubject(subject: string): WorkflowDefinition[] {
    return this.all().filter((d) => d.subject === subject);
  }

  all(): WorkflowDefinition[] {
    return [...this.definitions.values()];
  }
}
