import { ftpServers, type Rule } from './rule.js';

/** CFTP-NET-026..027: FTPS session resumption and logging, the settings that decide how failures look. */
export const serverSettings: Rule = ({ topology, report }) => {
  for (const server of ftpServers(topology)) {
    const mode = server.tlsSessionResumptionMode ?? 'ENFORCED';
    if (server.protocols.includes('FTPS') && mode === 'ENFORCED') {
      report({
        id: 'CFTP-NET-026',
        resource: server,
        message: `FTPS on ${server.id} enforces TLS session resumption: clients that do not resume the control session fail every transfer.`,
        evidence: { TlsSessionResumptionMode: server.tlsSessionResumptionMode ?? 'ENFORCED (default)' },
        remediation: `Keep TlsSessionResumptionMode ENFORCED on ${server.id} if all clients resume TLS sessions (lftp, curl, FileZilla do); otherwise set it to ENABLED.`,
      });
    }
    if (server.loggingRole === undefined && server.structuredLogDestinations.length === 0) {
      report({
        id: 'CFTP-NET-027',
        resource: server,
        message: `Server ${server.id} has neither StructuredLogDestinations nor a LoggingRole: logins and transfers leave no trace.`,
        evidence: { LoggingRole: null, StructuredLogDestinations: [] },
        remediation: `Set StructuredLogDestinations of ${server.id} to a CloudWatch log group ARN (or LoggingRole for the legacy format).`,
      });
    }
  }
};

/** CFTP-NET-028: values the loader could not resolve, so that a clean report is not mistaken for a full one. */
export const unresolvedValues: Rule = ({ topology, report }) => {
  for (const value of topology.unresolved) {
    report({
      id: 'CFTP-NET-028',
      resource: value.resource,
      message: `${value.resource}.${value.field} could not be resolved (${value.expression}); rules that need it treat it as unknown.`,
      evidence: { field: value.field, expression: value.expression },
      remediation: `Pass every stack of the app (cdk.out) so that ${value.resource}.${value.field} resolves, give parameters defaults, or check the live account instead.`,
    });
  }
};
