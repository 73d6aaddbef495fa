/**
 * The script of a `--jobs` worker thread when the command line runs from its bundle
 * (bin/mlgif): the same bundle, loaded the same way, whose render-worker part then serves tasks.
 */
import { loadBundle } from './launch.js';

loadBundle();
