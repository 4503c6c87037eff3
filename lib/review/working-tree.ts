import { fleetInput, loadProject } from '../pipeline/load-project';
import { render } from '../pipeline/synthesize';
import { parseTree, RenderedTree } from './rendered-tree';

/**
 * The working tree's sources rendered now, in memory: what the pull request will produce even
 * if its dist/ has not been synthesized again yet. Policy checks are not run here; the diff
 * shows the change either way, and `platform synth` / CI enforce the checks.
 */
export function renderWorkingTree(root: string): { readonly tree: RenderedTree; readonly environments: readonly string[] } {
  const project = loadProject(root);
  const { files } = render(fleetInput(project));
  return { tree: parseTree(files, 'working tree'), environments: project.environments.map((e) => e.name) };
}
