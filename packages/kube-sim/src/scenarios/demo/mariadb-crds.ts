import type { ScenarioBuilder } from '../builder.js';
import { AGE_COLUMN, addCrd, type FieldType, type PrinterColumn, readyCol } from './crd.js';

const G = 'k8s.mariadb.com';
const _MARIADB_IMAGE = 'docker-registry1.mariadb.com/library/mariadb:11.8.2';
const status = (type: string): PrinterColumn => ({
  name: 'Status',
  type: 'string',
  jsonPath: `.status.conditions[?(@.type=="${type}")].message`,
});
const ref: PrinterColumn = { name: 'MariaDB', type: 'string', jsonPath: '.spec.mariaDbRef.name' };

export function addMariadbCrds(b: ScenarioBuilder): void {
  const refSpec: Record<string, FieldType> = { mariaDbRef: 'object' };
  const kinds: [string, string, string[], PrinterColumn[], Record<string, FieldType>, boolean?][] = [
    [
      'MariaDB',
      'mariadbs',
      ['mdb'],
      [
        readyCol(),
        status('Ready'),
        { name: 'Primary', type: 'string', jsonPath: '.status.currentPrimary' },
        { name: 'Updates', type: 'string', jsonPath: '.spec.updateStrategy.type' },
        AGE_COLUMN,
      ],
      {
        replicas: 'integer',
        image: 'string',
        storage: 'object',
        rootPasswordSecretKeyRef: 'object',
        replication: 'object',
        galera: 'object',
        updateStrategy: 'object',
        suspend: 'boolean',
        maintenance: 'object',
        maxScaleRef: 'object',
        myCnf: 'string',
      },
      true,
    ],
    [
      'MaxScale',
      'maxscales',
      ['mxs'],
      [readyCol(), status('Ready'), { name: 'Primary', type: 'string', jsonPath: '.status.primaryServer' }, AGE_COLUMN],
      { ...refSpec, replicas: 'integer', servers: 'array', services: 'array', primaryServer: 'string' },
      true,
    ],
    [
      'Backup',
      'backups',
      ['bmdb'],
      [readyCol('Complete'), status('Complete'), ref, AGE_COLUMN],
      { ...refSpec, schedule: 'object', storage: 'object', maxRetention: 'string', databases: 'string[]' },
    ],
    [
      'PhysicalBackup',
      'physicalbackups',
      ['pbmdb'],
      [
        readyCol('Complete'),
        status('Complete'),
        ref,
        { name: 'Last Scheduled', type: 'date', jsonPath: '.status.lastScheduleTime' },
        AGE_COLUMN,
      ],
      { ...refSpec, schedule: 'object', storage: 'object', maxRetention: 'string' },
    ],
    [
      'Restore',
      'restores',
      ['rmdb'],
      [readyCol('Complete'), status('Complete'), ref, AGE_COLUMN],
      { ...refSpec, backupRef: 'object', targetRecoveryTime: 'date-time', s3: 'object' },
    ],
    [
      'Database',
      'databases',
      ['dmdb'],
      [
        readyCol(),
        status('Ready'),
        { name: 'CharSet', type: 'string', jsonPath: '.spec.characterSet' },
        { name: 'Collate', type: 'string', jsonPath: '.spec.collate' },
        ref,
        AGE_COLUMN,
        { name: 'Name', type: 'string', jsonPath: '.spec.name' },
      ],
      { ...refSpec, name: 'string', characterSet: 'string', collate: 'string' },
    ],
    [
      'User',
      'users',
      ['umdb'],
      [
        readyCol(),
        status('Ready'),
        { name: 'MaxConns', type: 'string', jsonPath: '.spec.maxUserConnections' },
        ref,
        AGE_COLUMN,
      ],
      { ...refSpec, name: 'string', host: 'string', passwordSecretKeyRef: 'object', maxUserConnections: 'integer' },
    ],
    [
      'Grant',
      'grants',
      ['gmdb'],
      [
        readyCol(),
        status('Ready'),
        { name: 'Database', type: 'string', jsonPath: '.spec.database' },
        { name: 'Table', type: 'string', jsonPath: '.spec.table' },
        { name: 'Username', type: 'string', jsonPath: '.spec.username' },
        { name: 'GrantOpt', type: 'string', jsonPath: '.spec.grantOption' },
        ref,
        AGE_COLUMN,
      ],
      {
        ...refSpec,
        privileges: 'string[]',
        database: 'string',
        table: 'string',
        username: 'string',
        host: 'string',
        grantOption: 'boolean',
      },
    ],
    [
      'Connection',
      'connections',
      ['cmdb'],
      [readyCol(), status('Ready'), { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' }, ref, AGE_COLUMN],
      { ...refSpec, username: 'string', passwordSecretKeyRef: 'object', database: 'string', secretName: 'string' },
    ],
    [
      'SqlJob',
      'sqljobs',
      ['smdb'],
      [readyCol('Complete'), status('Complete'), ref, AGE_COLUMN],
      { ...refSpec, schedule: 'object', sql: 'string', username: 'string', database: 'string' },
    ],
    [
      'ExternalMariaDB',
      'externalmariadbs',
      ['emdb'],
      [readyCol(), status('Ready'), AGE_COLUMN],
      { host: 'string', port: 'integer', username: 'string', passwordSecretKeyRef: 'object' },
    ],
    [
      'PointInTimeRecovery',
      'pointintimerecoveries',
      ['pitr'],
      [AGE_COLUMN],
      { physicalBackupRef: 'object', storage: 'object' },
    ],
  ];
  for (const [kind, plural, shortNames, columns, spec, scalable] of kinds) {
    addCrd(b, {
      group: G,
      kind,
      plural,
      shortNames,
      categories: ['mariadb'],
      versions: [
        {
          name: 'v1alpha1',
          columns,
          ...(scalable
            ? { scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } }
            : {}),
        },
      ],
      spec,
      status: {
        conditions: 'array',
        currentPrimary: 'string',
        currentPrimaryPodIndex: 'integer',
        replicas: 'integer',
        replication: 'object',
        galeraRecovery: 'object',
        primaryServer: 'string',
        servers: 'array',
        lastScheduleTime: 'date-time',
      },
    });
  }
}
