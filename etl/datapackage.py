"""datapackage.json (Frictionless Data Package) generated from the table contract."""

from __future__ import annotations

from etl.schema import TABLES


def datapackage(source: dict, source_sha256: str, manifest: dict) -> dict:
    resources = []
    for t in TABLES:
        fields = []
        for f in t.fields:
            fd = {"name": f.name, "type": f.type, "description": f.description}
            cons = {}
            if f.required:
                cons["required"] = True
            if f.unique:
                cons["unique"] = True
            if f.enum:
                cons["enum"] = list(f.enum)
            if cons:
                fd["constraints"] = cons
            fields.append(fd)
        schema = {"fields": fields}
        if t.primary_key:
            schema["primaryKey"] = list(t.primary_key)
        if t.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": col, "reference": {"resource": ref, "fields": rcol}} for col, ref, rcol in t.foreign_keys
            ]
        resources.append(
            {
                "name": t.name,
                "path": f"{t.name}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": t.description,
                "schema": schema,
                "rows": manifest["rows"][t.name],
            }
        )
    return {
        "name": "aiplus-indicators",
        "title": "AI+ Indicators: the figures of the 2026 AI+ Industry Development Blue Book",
        "version": manifest["data_hash"][:12],
        "created": manifest["built_at"],
        "licenses": [{"name": "other-at", "title": "Figures quoted from the source for analysis; see sources"}],
        "sources": [
            {
                "title": source["title_en"],
                "path": source["file"],
                "description": f"{source['title_zh']} ({source['edition']}), {source['publisher_en']}",
                "sha256": source_sha256,
            }
        ],
        "resources": resources,
    }
