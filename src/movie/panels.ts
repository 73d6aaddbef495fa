/** Which panel a task's figure is made of: the classification map, or a regression's or a function's figure. */
import type { Task } from '../dataset.js';
import { figurePanels } from './figure-panel.js';
import { mapPanels } from './map-panel.js';
import type { PanelKind } from './panel.js';

export function panelKind(task: Task): PanelKind {
  return task === 'classification' ? mapPanels : figurePanels;
}
