#!/usr/bin/env node
// The `patientgraph` command. Runs the TypeScript sources directly through SWC
// (with decorator metadata, which type-graphql needs), so a fresh clone works
// after `npm install` without a build step. The tsconfig is named explicitly
// because the command may be run from any folder.
'use strict';
const path = require('node:path');
process.env.SWC_NODE_PROJECT = path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require('../cli/main.ts');
