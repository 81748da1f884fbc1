from wagtail import hooks


@hooks.register("register_admin_urls")
def register_token_urls():
    from django.urls import include, path

    from api import workspace_urls

    return [path("api/tokens/", include(workspace_urls))]


@hooks.register("register_account_menu_item")
def token_account_item(request):
    from django.urls import reverse

    return {
        "url": reverse("api_tokens:index"),
        "label": "API tokens",
        "help_text": "Tokens that let other software read and log records as you.",
    }
