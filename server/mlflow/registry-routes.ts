// The MLflow model registry REST API 2.0 (model_registry.proto's ModelRegistryService): "METHOD path" → handler.
// GET reads the query string; POST, PATCH and DELETE read a JSON body, as MLflow's server does.
import type { RouteHandler } from '../api';
import {
  createRegisteredModelRoute,
  deleteAliasRoute,
  deleteRegisteredModelRoute,
  deleteRegisteredModelTagRoute,
  getLatestVersionsRoute,
  getRegisteredModelRoute,
  getVersionByAliasRoute,
  renameRegisteredModelRoute,
  searchRegisteredModelsRoute,
  setAliasRoute,
  setRegisteredModelTagRoute,
  updateRegisteredModelRoute,
} from './registry-models';
import {
  createModelVersionRoute,
  deleteModelVersionRoute,
  deleteModelVersionTagRoute,
  getDownloadUriRoute,
  getModelVersionRoute,
  searchModelVersionsRoute,
  setModelVersionTagRoute,
  transitionStageRoute,
  updateModelVersionRoute,
} from './registry-versions';

export const REGISTRY_ROUTES: Readonly<Record<string, RouteHandler>> = {
  'POST registered-models/create': createRegisteredModelRoute,
  'GET registered-models/get': getRegisteredModelRoute,
  'GET registered-models/search': searchRegisteredModelsRoute,
  'POST registered-models/rename': renameRegisteredModelRoute,
  'PATCH registered-models/update': updateRegisteredModelRoute,
  'DELETE registered-models/delete': deleteRegisteredModelRoute,
  'POST registered-models/set-tag': setRegisteredModelTagRoute,
  'DELETE registered-models/delete-tag': deleteRegisteredModelTagRoute,
  'POST registered-models/get-latest-versions': getLatestVersionsRoute,
  'GET registered-models/get-latest-versions': getLatestVersionsRoute,
  'POST registered-models/alias': setAliasRoute,
  'DELETE registered-models/alias': deleteAliasRoute,
  'GET registered-models/alias': getVersionByAliasRoute,
  'POST model-versions/create': createModelVersionRoute,
  'GET model-versions/get': getModelVersionRoute,
  'GET model-versions/search': searchModelVersionsRoute,
  'PATCH model-versions/update': updateModelVersionRoute,
  'DELETE model-versions/delete': deleteModelVersionRoute,
  'POST model-versions/transition-stage': transitionStageRoute,
  'POST model-versions/set-tag': setModelVersionTagRoute,
  'DELETE model-versions/delete-tag': deleteModelVersionTagRoute,
  'GET model-versions/get-download-uri': getDownloadUriRoute,
};
