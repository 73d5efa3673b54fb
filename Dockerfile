# One image serving the built SvelteKit app, /api and /socket.io on port 3000.
FROM node:20-bookworm-slim
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
COPY . .
# npm install, not npm ci: the lockfile written on Linux lacks other platforms' optional binaries.
RUN npm install --no-audit --no-fund && npm run build
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
USER node
CMD ["node", "--import", "tsx", "apps/server/src/main.ts"]
