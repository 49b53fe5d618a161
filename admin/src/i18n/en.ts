import englishMessages from 'ra-language-english';

/** The app's own messages (English). zh.ts has exactly the same keys. */
export const enApp = {
  wz: {
    app: { title: 'Wuzhong Grid', language: 'Language' },
    menu: { dashboard: 'Dashboard', map: 'Coverage map' },
    enums: {
      GridKind: {
        VILLAGER_GROUP: 'Villager group', NATURAL_VILLAGE: 'Natural village', RESIDENTIAL_COMPOUND: 'Residential compound',
        BUILDING: 'Building', COMMERCIAL: 'Commercial building', OTHER: 'Other',
      },
      VillageKind: { VILLAGE: 'Village', COMMUNITY: 'Community' },
      TownshipKind: { TOWN: 'Town', TOWNSHIP: 'Township', STREET: 'Street', OTHER: 'Other' },
      Employment: { FULL_TIME: 'Full-time', PART_TIME: 'Part-time' },
      WorkerSource: {
        SENT_DOWN_CADRE: 'Cadre sent down', SPECIAL_RECRUITMENT: 'Special recruitment', PUBLIC_POST: 'Public-welfare post', OTHER: 'Other',
      },
      PartyUnitKind: {
        VILLAGE: 'Village party organisation', COMMUNITY: 'Community party organisation', GRID: 'Grid party organisation',
        BUILDING: 'Building party group', NATURAL_VILLAGE: 'Natural-village party group', INDUSTRY: 'Industry party organisation',
        AGENCY: 'Agency or enterprise',
      },
      PartyUnitLevel: { COMMITTEE: 'Party committee', GENERAL_BRANCH: 'General party branch', BRANCH: 'Party branch', GROUP: 'Party group' },
      FindingKind: {
        UNCOVERED_LAND: 'Coverage gap', OVERLAP: 'Overlap', SPILL: 'Grid outside its unit', UNSTAFFED_GRID: 'Grid without a worker',
        OVERSIZED_GRID: 'Grid too large', UNDERSIZED_GRID: 'Grid too small', GRID_COUNT_MISMATCH: 'Grid count ≠ villager groups',
        NO_PARTY_UNIT: 'No party organisation', NO_GRID_PARTY_UNIT: 'Grid without a party organisation',
      },
      Severity: { CRITICAL: 'Critical', WARNING: 'Warning', NOTICE: 'Notice' },
    },
    filters: {
      search: 'Search name or code',
      has_no_worker: 'Has no worker',
      over_500: 'Over 500 households',
      no_party_unit: 'No party organisation',
      roots_only: 'Top level only',
      active_only: 'Active only',
    },
    fields: {
      record_map: 'Location and neighbours',
      neighbours: 'Neighbours',
      covered_share: 'Covered share',
      uncovered: 'Uncovered land',
      households_in_grids: 'Households in grids',
      findings: 'Findings',
      on_map: 'Show on map',
      no_geometry: 'No boundary recorded.',
    },
    units: { m2: '%{value} m²', km2: '%{value} km²', percent: '%{value}%' },
    map: {
      title: 'Coverage map',
      layers: 'Layers',
      layer: {
        counties: 'Counties/districts', townships: 'Townships/streets', villages: 'Villages/communities (covered share)',
        grids: 'Grids (worst finding)', uncovered: 'Uncovered land', overlaps: 'Overlaps', labels: 'Grid labels',
      },
      unavailable: 'not available from the server yet',
      legend: 'Covered share',
      legend_grids: 'Grid outline',
      no_data: 'No data',
      no_finding: 'No finding',
      search: 'Find a village, community or grid',
      no_match: 'Nothing matches',
      loading: 'Loading the map…',
      load_error: 'The map data could not be loaded: %{error}',
      fallback: 'Coverage figures are not available from the server yet: showing the records only.',
      features: '%{units} units · %{grids} grids',
      panel: {
        close: 'Close',
        open_record: 'Open the record',
        edit_record: 'Edit',
        households: 'Households',
        workers: 'Active grid workers',
        party_unit: 'Party organisation',
        none: 'None',
        severity: 'Worst finding',
        covered_share: 'Covered share',
        uncovered: 'Uncovered land',
        findings: 'Findings',
        area: 'Area',
        gap: 'Coverage gap',
        overlap: 'Overlap of two grids',
        grid_a: 'Grid A',
        grid_b: 'Grid B',
        village: 'Village/community',
        kind: 'Kind',
        code: 'Code',
      },
      tiles: 'Base map tile URL (optional)',
      tiles_help: 'e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png — empty for none (offline)',
    },
    dashboard: {
      title: 'Wuzhong grid governance',
      figures: 'Figures from the data',
      villages: 'Villages',
      communities: 'Communities',
      grids: 'Grids',
      workers: 'Grid workers',
      party_units: 'Party organisations',
      households: 'Households',
      coverage_by_county: 'Coverage by county/district',
      serious_findings: 'Most serious findings',
      no_findings: 'No findings.',
      unavailable: 'Not available from the server yet.',
      by_kind: 'By kind',
      by_source: 'By source',
      by_employment: 'By employment',
      by_level: 'By level',
      open_map: 'Open the map',
    },
    errors: {
      BAD_GEOMETRY: 'Invalid boundary',
      BAD_USER_INPUT: 'Invalid input',
      NOT_FOUND: 'Not found',
      CONFLICT: 'Conflict (someone else changed it, or it is still in use)',
      FORBIDDEN: 'Not allowed',
      UNAUTHENTICATED: 'Please sign in',
      INTERNAL_SERVER_ERROR: 'Server error',
      NETWORK: 'The server cannot be reached',
    },
  },
  resources: {
    counties: {
      name: 'County/district |||| Counties/districts',
      fields: { id: 'ID', code: 'Code', name: 'Name', areaM2: 'Area', townships: 'Townships/streets', createdAt: 'Created', updatedAt: 'Updated', version: 'Version' },
    },
    townships: {
      name: 'Township/street |||| Townships/streets',
      fields: { id: 'ID', code: 'Code', name: 'Name', kind: 'Kind', countyId: 'County/district', areaM2: 'Area', villages: 'Villages/communities', createdAt: 'Created', updatedAt: 'Updated' },
    },
    villages: {
      name: 'Village |||| Villages',
      fields: {
        id: 'ID', code: 'Code', name: 'Name', kind: 'Kind', townshipId: 'Township/street', countyId: 'County/district', households: 'Households',
        population: 'Population', villagerGroups: 'Villager groups', areaM2: 'Area', grids: 'Grids', partyUnits: 'Party organisations',
        coverage: 'Coverage', createdAt: 'Created', updatedAt: 'Updated',
      },
    },
    communities: {
      name: 'Community |||| Communities',
      fields: {
        id: 'ID', code: 'Code', name: 'Name', kind: 'Kind', townshipId: 'Township/street', countyId: 'County/district', households: 'Households',
        population: 'Population', villagerGroups: 'Villager groups', areaM2: 'Area', grids: 'Grids', partyUnits: 'Party organisations',
        coverage: 'Coverage', createdAt: 'Created', updatedAt: 'Updated',
      },
    },
    grids: {
      name: 'Grid |||| Grids',
      fields: {
        id: 'ID', code: 'Code', name: 'Name', kind: 'Kind', villageId: 'Village/community', countyId: 'County/district', townshipId: 'Township/street',
        households: 'Households', population: 'Population', workerIds: 'Grid workers', workers: 'Grid workers', partyUnit: 'Party organisation',
        partyUnits: 'Party organisations', areaM2: 'Area', findings: 'Findings', createdAt: 'Created', updatedAt: 'Updated',
      },
    },
    'party-units': {
      name: 'Party organisation |||| Party organisations',
      fields: {
        id: 'ID', name: 'Name', kind: 'Kind', level: 'Level', members: 'Party members', parentId: 'Parent organisation', children: 'Subordinate organisations',
        villageId: 'Village/community', gridId: 'Grid', countyId: 'County/district', townshipId: 'Township/street', createdAt: 'Created', updatedAt: 'Updated',
      },
    },
    'grid-workers': {
      name: 'Grid worker |||| Grid workers',
      fields: {
        id: 'ID', name: 'Name', phone: 'Phone', source: 'Source', employment: 'Employment', active: 'Active', gridIds: 'Grids', countyId: 'County/district',
        townshipId: 'Township/street', villageId: 'Village/community', createdAt: 'Created', updatedAt: 'Updated',
      },
    },
    findings: {
      name: 'Coverage finding |||| Coverage findings',
      fields: {
        id: 'ID', kind: 'Kind', severity: 'Severity', villageId: 'Village/community', gridId: 'Grid', message: 'Finding', messageZh: 'Finding (Chinese)',
        messageEn: 'Finding (English)', areaM2: 'Area', countyId: 'County/district', townshipId: 'Township/street',
      },
    },
  },
};

export type AppMessages = typeof enApp;

export const en = { ...englishMessages, ...enApp };
export default en;
