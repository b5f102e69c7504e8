import { auditStore } from '../db/stores/audit.store';
import { incidentStore } from '../db/stores/incident.store';
import { createAuditLog } from '../domain/audit/audit.service';
import { createIncidentService, type IncidentService } from '../domain/incidents/incident.service';
import { createMaintenance, type Maintenance } from '../domain/incidents/maintenance.service';
import type { Clock } from '../domain/tx';

/** Incidents and maintenance mode over their SQL store, `until` read in the organisation's time zone. */
export function createIncidents(settings: { clock: Clock; timeZone: string }): {
  incidents: IncidentService;
  maintenance: Maintenance;
} {
  const audit = createAuditLog(auditStore);
  return {
    incidents: createIncidentService({ store: incidentStore, audit, clock: settings.clock }),
    maintenance: createMaintenance({ store: incidentStore, audit, ...settings }),
  };
}
