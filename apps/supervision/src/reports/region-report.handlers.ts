import { Inject, Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse, RegionMonthReport } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { Tx } from '../database/prisma.service.js';
import { isSupervisor, scopedRegion } from '../region-scope.js';
import { RosterRepository } from '../roster/roster.repository.js';
import { regionDocument } from './documents/region-document.js';
import { exportFile } from './export-file.js';
import { RegionReportQuery, emptyGroup, type GroupFigures } from './region-report.query.js';

const LEVEL_LABEL = { province: 'Provinsi', regency: 'Kabupaten/Kota', district: 'Kecamatan' };

/** The monthly region report: the region and its child regions (or, in a kecamatan, its assistants). */
@Injectable()
export class RegionReportHandlers {
  constructor(
    private readonly query: RegionReportQuery,
    private readonly roster: RosterRepository,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  @HandleCommand('supervision.region-report.get')
  async get(
    input: CommandPayload<'supervision.region-report.get'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.region-report.get'>> {
    return (await this.build(input, actor, tx)).report;
  }

  @HandleCommand('supervision.region-report.export')
  async export(
    input: CommandPayload<'supervision.region-report.export'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.region-report.export'>> {
    const { report, childLabel } = await this.build(input, actor, tx);
    return exportFile(regionDocument(report, childLabel), input.format);
  }

  private async build(
    input: { month: string; regionCode?: string | undefined },
    actor: CommandContext['actor'],
    tx: Tx,
  ): Promise<{ report: RegionMonthReport; childLabel: string }> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'Region reports are for coordinators and the Dinas');
    const code = scopedRegion(actor, input.regionCode);
    const region = code === null ? null : (this.regions.get(code) ?? null);
    if (code !== null && !region)
      throw new DomainError(404, 'not-found', `No region ${code} in idn-area-data`);
    // Assistants work at kecamatan level: there, the rows are the people.
    const byAssistant = region?.level === 'district' || region?.level === 'village';
    const children = byAssistant ? [] : this.regions.children(code);
    const { groups, byModule } = await this.query.month(
      tx,
      code,
      input.month,
      byAssistant
        ? { by: 'assistant' }
        : { by: 'region', codeLength: children[0]?.code.length ?? 2 },
    );
    const names = byAssistant
      ? [...(await this.roster.namesOf(tx, [...groups.keys()]))]
          .map(([id, name]) => ({ id, name }))
          .sort((a, b) => a.name.localeCompare(b.name))
      : children.map((c) => ({ id: c.code, name: c.name }));
    const total = [...groups.values()].reduce(add, emptyGroup());
    return {
      report: {
        month: input.month,
        region: row(code, region?.name ?? 'Indonesia', total, null),
        children: names.map((n) =>
          row(
            byAssistant ? null : n.id,
            n.name,
            groups.get(n.id) ?? emptyGroup(),
            byAssistant ? n.id : null,
          ),
        ),
        byModule,
      },
      childLabel: byAssistant
        ? 'Pendamping'
        : (LEVEL_LABEL[children[0]?.level as keyof typeof LEVEL_LABEL] ?? 'Wilayah'),
    };
  }
}

function add(sum: GroupFigures, g: GroupFigures): GroupFigures {
  const out = { ...sum };
  for (const k of Object.keys(out) as (keyof GroupFigures)[]) out[k] += g[k];
  return out;
}

function row(code: string | null, name: string, g: GroupFigures, assistantId: string | null) {
  const { presentDays, expectedDays, ...figures } = g;
  return {
    code,
    assistantId,
    name,
    ...figures,
    attendanceRate:
      expectedDays > 0 ? Math.min(100, Math.round((presentDays / expectedDays) * 100)) : null,
  };
}
