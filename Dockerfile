# Production image: compiled JavaScript, production dependencies only, non-root user.
# The workspace emulator (packages/slack-emulator, local mode only) is a development package: the
# build stage has it for type checking, tsc emits none of it, and the image has no copy of it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/slack-emulator/package.json ./packages/slack-emulator/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY packages/slack-emulator/src ./packages/slack-emulator/src
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Reached through the container's own interface (Socket Mode or HTTP mode: local mode needs the
# emulator, which the image does not have).
ENV HOST=0.0.0.0
WORKDIR /app
# Report charts carry Traditional Chinese labels: Noto Sans CJK draws them (src/reports).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Files read at run time that are not compiled: the example org (`npm run org:import` examples).
COPY examples ./examples
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
