#!/bin/sh
echo "Prisma's native schema engine is not used in this project: run npm run db:migrate -- deploy|status|create <name>" >&2
exit 1
