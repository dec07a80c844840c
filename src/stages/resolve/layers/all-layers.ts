/** The six layers by name; the resolver runs them in `LAYER_ORDER`. */
import type { LayerName } from '../../../model.js';
import type { Layer } from '../layer.js';
import { collectionLayer } from './collection-layer.js';
import { envLayer } from './env-layer.js';
import { packageLayer } from './package-layer.js';
import { profileLayer } from './profile-layer.js';
import { settingsLayer } from './settings-layer.js';
import { workspaceLayer } from './workspace-layer.js';

export const LAYERS: Readonly<Record<LayerName, Layer>> = {
  env: envLayer,
  workspace: workspaceLayer,
  settings: settingsLayer,
  collection: collectionLayer,
  profile: profileLayer,
  package: packageLayer,
};
