import { k8s } from 'cdk8s-plus-28';
import { ResolvedProbe } from '../model/resolved-app';

/** A resolved probe as the Kubernetes Probe object. */
export function toProbe(probe: ResolvedProbe): k8s.Probe {
  const timing = { periodSeconds: probe.periodSeconds, timeoutSeconds: probe.timeoutSeconds, failureThreshold: probe.failureThreshold };
  const h = probe.handler;
  switch (h.kind) {
    case 'http':
      return {
        httpGet: {
          path: h.path,
          port: k8s.IntOrString.fromString(h.port),
          ...(h.scheme ? { scheme: h.scheme } : {}),
          ...(h.headers ? { httpHeaders: h.headers.map((x) => ({ ...x })) } : {}),
        },
        ...timing,
      };
    case 'grpc':
      return { grpc: { port: h.port, service: h.service }, ...timing };
    case 'tcp':
      return { tcpSocket: { port: k8s.IntOrString.fromString(h.port) }, ...timing };
    case 'exec':
      return { exec: { command: [...h.command] }, ...timing };
  }
}
