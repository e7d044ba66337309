#!/bin/bash
# run.sh NAME ROOT PROVIDER DB PORT [sql]
name=$1 root=$2 prov=$3 db=$4 port=$5 sql=$6
if [ "$prov" = Sqlite ]; then cs="Data Source=$db"; else cs="Host=127.0.0.1;Port=55432;Username=postgres;Database=$db"; fi
extra=()
[ "$sql" = sql ] && extra=('Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore.Database.Command=Information')
cd $root/src/DistrictTraining.Web
nohup env Database__Provider=$prov ConnectionStrings__Default="$cs" Storage__DataDirectory=/tmp/reports/portal-$name ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Production "${extra[@]}" dotnet bin/Release/net10.0/DistrictTraining.Web.dll > /tmp/reports/logs/$name.log 2>&1 &
echo $! > /tmp/reports/$name.pid
