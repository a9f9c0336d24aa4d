// Set when SIGTERM arrives: /ready answers 503 "draining" so the load balancer stops routing here.
export class DrainState {
  draining = false;
}
