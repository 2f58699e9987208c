import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The order projects' files are handed to the workers (vitest's own sorts by project name, then,
 * within a project, by the last run's durations or by size). Files that mostly wait (fleets on
 * real time, child processes) go first, so their waits overlap the work of others; the many short
 * unit files go last and fill the gaps. A project not listed goes after those listed.
 */
export const PROJECT_ORDER = ["redis", "processes", "packed", "contract", "types", "unit"];

export class ProjectOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = PROJECT_ORDER.indexOf(file.project.name);
      return index === -1 ? PROJECT_ORDER.length : index;
    };
    // Array.prototype.sort is stable: vitest's order holds within a project.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
