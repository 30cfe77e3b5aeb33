// The other cloudhand modules the engine composes (one import point, so the engine's own files read the same
// whichever module a function comes from). Synthesis is imported by terraformStep when it runs: cdktn and the
// generated bindings are heavy, and a server step does not need them.
export {
  certificateRequests,
  type NginxSite,
  type RenderSitesOptions,
  renderSites,
} from '../nginx/index';
export { mosWorkerServices } from '../plan/bootstrap';
export { assignPorts } from '../plan/ports';
