/**
 * Vitest's file order for the end-to-end project (file-order.ts says why); the unit
 * project keeps Vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { orderE2eFiles } from './file-order.ts';

export class E2eSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const e2e = files.filter((file) => file.project.name === 'e2e');
    const others = files.filter((file) => file.project.name !== 'e2e');
    return [...(await super.sort(others)), ...orderE2eFiles(e2e, (file) => file.moduleId)];
  }
}
