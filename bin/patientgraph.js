#!/usr/bin/env node
// The `patientgraph` command. Runs the TypeScript sources directly (compiled on
// first use and cached, see register-typescript.js), so a fresh clone works after
// `npm install` without a build step, from any folder.
'use strict';
require('./register-typescript');
require('../cli/main.ts');
