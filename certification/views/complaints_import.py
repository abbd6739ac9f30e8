"""导入12315平台数据: an officer uploads the platform's export, sees every row's outcome, then imports.

The rows read from the file wait in the officer's session between the preview and the import; the import
previews them again (so a second click, or the same file a second time, adds nothing)."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..forms_complaints import ImportForm
from ..selectors import complaints as sel
from ..services import complaint_import as service
from .common import officer_required

SESSION_KEY = "complaint_import"


@officer_required
@require_http_methods(["GET", "POST"])
def upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows, sha256 = service.read(upload)
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            token = secrets.token_urlsafe(12)
            request.session[SESSION_KEY] = {"token": token, "rows": rows, "sha256": sha256,
                                            "name": str(upload.name)[:200]}
            checked = service.preview(rows, request.user)
            return render(request, "staff/complaint_import_preview.html", {
                "rows": checked, "counts": service.summary(checked), "token": token, "file_name": upload.name,
                "labels": service.OUTCOME_LABELS, "earlier": sel.imports_for(request.user).filter(sha256=sha256),
            })
    return render(request, "staff/complaint_import.html", {
        "form": form, "imports": sel.imports_for(request.user)[:20],
    })


@officer_required
@require_http_methods(["POST"])
def confirm(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("token") != request.POST.get("token"):
        messages.error(request, "导入预览已失效，请重新上传文件。")
        return redirect("staff:complaint_import")
    done = service.run(pending["rows"], request.user, pending["name"], pending["sha256"])
    del request.session[SESSION_KEY]
    messages.success(request, f"已导入 {done.imported} 件投诉；{done.not_imported} 行未导入（原因见下表）。")
    return redirect("staff:complaint_import_report", pk=done.pk)


@officer_required
def report(request, pk):
    done = sel.import_or_404(request.user, pk)
    return render(request, "staff/complaint_import_report.html", {"done": done, "rows": done.report})
