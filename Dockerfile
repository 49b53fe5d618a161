# The Wuzhong Grid server with its admin, for users with Docker (docker compose up).
FROM node:20-bookworm-slim
WORKDIR /app
# GDAL reads and writes the GIS file formats (Shapefile, GeoPackage, KML, DXF, XLSX) and reprojects.
RUN apt-get update && apt-get install -y --no-install-recommends gdal-bin && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node node_modules/vite/bin/vite.js build --config admin/vite.config.ts || echo "admin not built"
RUN node server/bin/build.mjs
ENV PORT=4000 HOST=0.0.0.0
EXPOSE 4000
CMD ["node", "--enable-source-maps", "dist/seeds/start.js"]
