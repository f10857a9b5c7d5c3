import type { TestProject } from 'vitest/node';
import { hasChromium } from './browser-env.js';
import { ensureDesignerBuild } from './designer-build.js';

/**
 * Builds the designer when its sources changed, once per run and before any suite starts: suites run two at
 * a time, and two `vite build`s into the same folder would trip over each other. Nothing to build when the
 * browser suites are skipped.
 */
export default function setup(project: TestProject): void {
  if (!hasChromium()) return;
  ensureDesignerBuild();
  project.provide('designerBuilt', true);
}
