// The other cloudhand modules the engine composes (one import point, so the engine's own files read the same
// whichever module a function comes from).
export {
  certificateRequests,
  type NginxSite,
  type RenderSitesOptions,
  renderSites,
} from '../nginx/index';
export { mosWorkerServices } from '../plan/bootstrap';
export { assignPorts } from '../plan/ports';
export { writeTerraform } from '../synth/index';
