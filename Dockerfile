# claimwatch processes for docker-compose.yml: sources run through tsx, no build step.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENTRYPOINT []
CMD ["npx", "claimwatch", "--help"]
