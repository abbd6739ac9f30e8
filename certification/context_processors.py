from .permissions import assessor_of, business_of, officer_of


def roles(request):
    """The signed-in user's roles, looked up once per request for the navigation."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"role": {"officer": officer_of(user), "assessor": assessor_of(user), "business": business_of(user)}}
